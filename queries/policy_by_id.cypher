// One policy by its id (through the index), with its issuers: what policy_detail answers for an id,
// without reading every policy.
// @param policy  required: policy id
MATCH (p:Policy {id: $policy})
OPTIONAL MATCH (p)-[:ISSUED_BY]->(a:Agency)
OPTIONAL MATCH (p)-[:CONTAINS]->(t:Task)
RETURN p.id AS id, p.title AS title, p.doc_number AS doc_number, p.status AS status, p.level AS level,
       p.jurisdiction AS jurisdiction, p.issued AS issued, p.source AS source, p.start AS start, p.`end` AS `end`,
       collect(DISTINCT a.name) AS issuers, count(DISTINCT t.id) AS tasks
