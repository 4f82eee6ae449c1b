-- wrk script: POST with an empty form body and HTTP basic authentication.
-- Benchmarks/run sets BENCH_AUTHORIZATION to the full header value before wrk starts.
wrk.method = "POST"
wrk.body = ""
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Authorization"] = os.getenv("BENCH_AUTHORIZATION")
