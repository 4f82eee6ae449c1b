#ifndef MEMSET_COPENSSL_SHIMS_H
#define MEMSET_COPENSSL_SHIMS_H

#include <openssl/ssl.h>
#include <openssl/x509.h>

// Functions for OpenSSL macros and variadic calls, which Swift cannot import.

// SSL_CTX_set_min_proto_version and SSL_CTX_set_max_proto_version. Return 1 on success.
int memset_ssl_ctx_set_protocol_versions(SSL_CTX *context, int minimum, int maximum);

// SSL_CTX_set_mode with the modes a non-blocking server needs: partial writes, and a
// retried SSL_write may pass a buffer at a new address. Also turns on read-ahead, so one
// read(2) can fetch several records; SSL_has_pending then reports whether any are buffered.
void memset_ssl_ctx_set_nonblocking_modes(SSL_CTX *context);

// SSL_CTX_set_options: no renegotiation, server cipher preference, and an EOF without
// close_notify read as a clean close.
void memset_ssl_ctx_set_server_options(SSL_CTX *context);

// A new ECDSA key on the P-256 curve, or NULL with the OpenSSL error queue set.
EVP_PKEY *memset_generate_p256_key(void);

// Adds an X.509 v3 extension given in the openssl.cnf text form, such as
// "critical,CA:TRUE" for NID_basic_constraints. Returns 1 on success.
int memset_x509_add_extension(X509 *certificate, X509 *issuer, int nid, const char *value);

// The bytes written to a memory BIO so far: sets *data and returns their count.
long memset_bio_get_mem_data(BIO *bio, char **data);

#endif
