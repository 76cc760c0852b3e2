// A jurisdiction's coordination figures as the last load stored them (JSON: one list per agency,
// in the order of queries.coordination._FIGURES after its id; null: to be worked out).
// @param jurisdiction_id  required: jurisdiction node id
MATCH (j:Jurisdiction {id: $jurisdiction_id})
RETURN j.coordination AS coordination
