-- wrk script: an authenticated GET that must answer 200 (a wrong answer stops the run rather than counting as speed).
wrk.method = "GET"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")

response = function(status, headers, body)
  if status ~= 200 then
    io.stderr:write("unexpected answer " .. status .. ": " .. body .. "\n")
    wrk.thread:stop()
  end
end
