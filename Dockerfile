# memset-mock in a container: a Swift build stage and a slim Debian runtime stage.
#
#   docker build -t memset-mock .
#   docker run --rm -p 127.0.0.1:8443:8443 -v memset-data:/data memset-mock
#
# The build stage runs the same steps as scripts/serve: the Debian packages listed in
# scripts/lib/common.sh, then `swift build -c release`. It adds --static-swift-stdlib, so
# the Swift runtime (libswiftCore, Foundation Essentials, Dispatch, Synchronization) is
# linked into the binary and the runtime stage needs only Debian's libraries.

FROM swift:6.3-bookworm AS build
WORKDIR /src
COPY scripts/lib/common.sh scripts/lib/common.sh
RUN bash -c 'source scripts/lib/common.sh && ensure_apt_packages "${BUILD_PACKAGES[@]}"' \
    && rm -rf /var/lib/apt/lists/*
# SwiftPM checks every target's folder, so the test sources come along although only
# the memset-mock product is built.
COPY Package.swift ./
COPY Sources Sources
COPY Tests Tests
COPY fixtures fixtures
RUN swift build -c release --product memset-mock --static-swift-stdlib \
    && install -D "$(swift build -c release --static-swift-stdlib --show-bin-path)/memset-mock" \
        /out/memset-mock

FROM debian:bookworm-slim
# libssl3, libsqlite3-0 and libexpat1 back the COpenSSL, CSQLite and CExpat targets;
# libstdc++6 and libgcc-s1 are what the statically linked Swift runtime still loads
# (`ldd` on a --static-swift-stdlib build lists nothing else besides libc6).
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
        libssl3 libsqlite3-0 libexpat1 libstdc++6 libgcc-s1 \
    && rm -rf /var/lib/apt/lists/*
# The default account (fixtures/default.json) is built into the binary; mount a file and
# pass --fixture to seed a new /data from another one.
COPY --from=build /out/memset-mock /usr/local/bin/memset-mock
WORKDIR /data
# The database and the local CA (certificate and key) live in /data; keep it in a volume
# so keys, IDs and the CA survive a new container.
VOLUME /data
EXPOSE 8443
STOPSIGNAL SIGTERM
ENTRYPOINT ["memset-mock", "--host", "0.0.0.0", "--data-dir", "/data"]
CMD ["--port", "8443"]
