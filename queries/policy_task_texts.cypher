// The tasks of policies with their texts, in document order: what the aligner reads (one
// statement for all the policies a load aligns).
// @param policies  required: policy ids
UNWIND $policies AS policy_id
MATCH (p:Policy {id: policy_id})-[:CONTAINS]->(t:Task)
RETURN p.id AS policy_id, t.id AS task_id, t.seq AS seq, t.number AS number, t.path AS path,
       t.title AS title, t.text AS text, t.clause AS clause
ORDER BY policy_id, seq
