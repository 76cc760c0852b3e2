// The tasks of one policy with their texts, in document order: what the aligner reads.
// @param policy  required: policy id
MATCH (p:Policy {id: $policy})-[:CONTAINS]->(t:Task)
RETURN t.id AS task_id, t.seq AS seq, t.number AS number, t.path AS path, t.title AS title,
       t.text AS text, t.clause AS clause
ORDER BY seq
