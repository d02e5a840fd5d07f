-- wrk script: POST the GraphQL query for one source with its status (the twin of GET …/sources/{id}).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")
wrk.body = '{"query":"query Source { source(plugin: \\"models\\", id: \\"organization_ai_models\\") { id name type enabled labels properties include exclude hash status { state entityCount lastRefreshedAt appliedHash diagnostics { severity message file line } } } }"}'

response = function(status, headers, body)
  if status ~= 200 or string.find(body, '"errors"', 1, true) then
    io.stderr:write("unexpected answer " .. status .. ": " .. body .. "\n")
    wrk.thread:stop()
  end
end
