// The sort keys of the given agencies' tasks (by id), one row per role: the lean first pass of
// a page of task rows, so that the full rows are read only for the bodies that make the page
// (reading every matched body's full rows was most of `tasks --lead Q --jurisdiction J`).
// @param agencies      required: agency ids
// @param roles         lead | joint | participant | implementer ([]: every role)
UNWIND $agencies AS aid
MATCH (a:Agency {id: aid})-[r:LEADS|PARTICIPATES]->(t:Task)<-[:CONTAINS]-(p:Policy)
WHERE size($roles) = 0 OR r.role IN $roles
RETURN a.id AS agency_id, a.name AS agency, p.source AS source, p.jurisdiction AS jurisdiction,
       t.seq AS seq, r.role AS role
