-- wrk script for b14-http.sh: one of three requests, chosen by MODE, with the admin token; counts non-200 answers.
--   dry   POST /plugins/plugin-050/sources/main:test  (the dry run of the changed source: a merge patch over it)
--   draft GET  /drafts/b14/plan                        (the saved draft's plan)
--   edit  POST /plan                                   (an unsaved edit of plugin-050's sources.yaml, a new name every
--                                                       request, so every request writes and validates a new tree)
function init(args)
  mode = os.getenv("MODE")
  token = os.getenv("TOKEN")
  n, bad = 0, 0
end
function request()
  n = n + 1
  local headers = { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" }
  if mode == "dry" then
    return wrk.format("POST", "/api/v1/plugins/plugin-050/sources/main:test", headers,
      '{"properties":{"yamlCatalogPath":"catalog-002.yaml"}}')
  elseif mode == "draft" then
    return wrk.format("GET", "/api/v1/drafts/b14/plan", headers)
  else
    local text = string.format("apiVersion: gitops/v1\\nplugin: plugin-050\\nsources:\\n  - id: main\\n    name: Main %d %d\\n    type: yaml\\n    properties:\\n      yamlCatalogPath: catalog-002.yaml\\n", os.time(), n)
    return wrk.format("POST", "/api/v1/plan", headers, '{"files":{"plugins/plugin-050/sources.yaml":"' .. text .. '"}}')
  end
end
function response(status, headers, body)
  if status ~= 200 then
    bad = bad + 1
    if bad == 1 then io.stderr:write(string.format("%s answered %d: %s\n", mode, status, body)) end
  end
end
function done(summary, latency, requests)
  io.write(string.format("RESULT mode=%s requests=%d errors=%d p50us=%d p90us=%d\n", os.getenv("MODE"), summary.requests,
    summary.errors.status, latency:percentile(50), latency:percentile(90)))
end
