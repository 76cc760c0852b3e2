// The tasks of one policy in document order, with the agencies in each role.
// @param policy  required: policy id
MATCH (p:Policy {id: $policy})-[:CONTAINS]->(t:Task)
OPTIONAL MATCH (t)<-[r:LEADS|PARTICIPATES]-(a:Agency)
WITH p, t, r, a ORDER BY a.name
WITH p, t, collect(CASE WHEN r.role = 'lead' THEN a.name END) AS lead,
     collect(CASE WHEN r.role = 'joint' THEN a.name END) AS joint,
     collect(CASE WHEN r.role = 'participant' THEN a.name END) AS participants,
     collect(CASE WHEN r.role = 'implementer' THEN a.name END) AS implementers
RETURN p.source AS source, t.seq AS seq, t.number AS number, t.title AS title, t.path AS path,
       lead, joint, participants, implementers, t.clause AS clause, t.id AS task_id
ORDER BY source, seq
