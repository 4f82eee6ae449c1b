-- wrk script: dns.zone_record_create with a record name unique to every request.
-- Benchmarks/run sets BENCH_AUTHORIZATION (the header value) and BENCH_ZONE_ID.
-- Each wrk thread has its own Lua state, so names combine a thread number and a counter.
-- thread_number is a global because thread:set assigns globals in the thread's state.
local threads_started = 0
local counter = 0
local authorization = os.getenv("BENCH_AUTHORIZATION")
local zone_id = os.getenv("BENCH_ZONE_ID")

function setup(thread)
    thread:set("thread_number", threads_started)
    threads_started = threads_started + 1
end

function request()
    counter = counter + 1
    local body = "zone_id=" .. zone_id .. "&type=A&record=bench-" .. (thread_number or 0) .. "-"
        .. counter .. "&address=192.0.2.1&ttl=300"
    return wrk.format("POST", nil, {
        ["Content-Type"] = "application/x-www-form-urlencoded",
        ["Authorization"] = authorization,
    }, body)
end
