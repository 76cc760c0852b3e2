// How many targets of each indicator there are per target year (no year counts as 9999, last): a
// page of targets, earliest years first, needs only the years up to the one that fills it.
// @param indicator_ids  required: indicator node ids
UNWIND $indicator_ids AS iid
MATCH (i:Indicator {id: iid})<-[:MEASURES]-(g:Target)
RETURN i.id AS indicator_id, coalesce(g.year, 9999) AS year, count(*) AS targets
ORDER BY indicator_id, year
