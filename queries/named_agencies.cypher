// Which of the given agencies the loaded documents name (on a task or as an issuer), not only
// link by a succession: lookup ranks these first on equal scores.
// @param ids  required: agency ids
UNWIND $ids AS aid
MATCH (a:Agency {id: aid})
WHERE EXISTS { MATCH (a)-[:LEADS|PARTICIPATES]->(:Task) } OR EXISTS { MATCH (a)<-[:ISSUED_BY]-(:Policy) }
RETURN a.id AS id
ORDER BY id
