// How many links a policy (by id) has each way: policies implementing and citing it (down), and
// policies it implements and cites (up) — for a lineage that shows only the first of them.
// @param policy  required: policy id
MATCH (p:Policy {id: $policy})
RETURN COUNT { MATCH (:Policy)-[:IMPLEMENTS]->(p) } AS down_implements, COUNT { MATCH (:Policy)-[:CITES]->(p) } AS down_cites,
       COUNT { MATCH (p)-[:IMPLEMENTS]->(:Policy) } AS up_implements, COUNT { MATCH (p)-[:CITES]->(:Policy) } AS up_cites
