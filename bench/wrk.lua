-- The load script of `make bench` (bench/run.py) for wrk: every connection sends its next request
-- when the previous answer is in; the answers with the expected status are counted apart from the
-- rest; at the end one line "BENCH_JSON {...}" with the counts and the latency percentiles (ms).
--
-- Read from the environment:
--   BENCH_COOKIES      a file with one Cookie header per line (signed-in users); requests take turns
--   BENCH_EXPECT       the status that counts as a success (default 200)
--   BENCH_METHOD       GET (default) or POST
--   BENCH_BODY         the form body of a POST (url-encoded)
--   BENCH_TOKEN_FIELD  a form field that gets a value of its own in every POST (one-time tokens)
--   BENCH_REFERER      the Referer header (Django's CSRF check wants one on https; harmless here)

local threads = {}
local count = 0

function setup(thread)
  count = count + 1
  thread:set("id", count)
  table.insert(threads, thread)
end

function init(args)
  ok, bad, sent = 0, 0, 0
  cookies = {}
  local file = os.getenv("BENCH_COOKIES")
  if file and file ~= "" then
    for line in io.lines(file) do
      if line ~= "" then table.insert(cookies, line) end
    end
  end
  expected = tonumber(os.getenv("BENCH_EXPECT") or "200")
  method = os.getenv("BENCH_METHOD") or "GET"
  body = os.getenv("BENCH_BODY") or ""
  token_field = os.getenv("BENCH_TOKEN_FIELD") or ""
  referer = os.getenv("BENCH_REFERER") or ""
  math.randomseed(id * 7919 + os.time())
end

function request()
  sent = sent + 1
  local headers = {}
  if #cookies > 0 then headers["Cookie"] = cookies[(sent * #threads + id) % #cookies + 1] end
  if referer ~= "" then headers["Referer"] = referer end
  local payload = nil
  if method == "POST" then
    headers["Content-Type"] = "application/x-www-form-urlencoded"
    payload = body
    if token_field ~= "" then
      payload = payload .. "&" .. token_field .. "=bench" .. id .. "x" .. sent .. "x" .. math.random(1, 1000000000) .. "x" .. os.time()
    end
  end
  return wrk.format(method, nil, headers, payload)
end

function response(status, headers, body)
  if status == expected then ok = ok + 1 else bad = bad + 1 end
end

function done(summary, latency, requests)
  local good, wrong = 0, 0
  for _, thread in ipairs(threads) do
    good = good + thread:get("ok")
    wrong = wrong + thread:get("bad")
  end
  local errors = summary.errors
  io.write(string.format(
    'BENCH_JSON {"requests": %d, "ok": %d, "bad": %d, "socket_errors": %d, "seconds": %.3f, ' ..
    '"p50": %.3f, "p95": %.3f, "p99": %.3f, "max": %.3f}\n',
    summary.requests, good, wrong, errors.connect + errors.read + errors.write + errors.timeout,
    summary.duration / 1e6, latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000))
end
