// Every indicator with how many targets measure it.
MATCH (i:Indicator)<-[:MEASURES]-(g:Target)
RETURN i.id AS id, i.name AS name, count(g) AS targets
ORDER BY name
