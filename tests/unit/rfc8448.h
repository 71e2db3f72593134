/*
 * tests/unit/rfc8448.h — the handshake messages of RFC 8448 §3 ("Simple 1-RTT
 * Handshake"), as the RFC prints them (hex with spaces), one copy for every test
 * that checks against them (tests/unit/rfc8448.c).
 */
#ifndef TLSSTEP_TESTS_RFC8448_H
#define TLSSTEP_TESTS_RFC8448_H

extern const char rfc8448_client_hello[];
extern const char rfc8448_server_hello[];
extern const char rfc8448_encrypted_extensions[];
extern const char rfc8448_certificate[];
extern const char rfc8448_certificate_verify[];
extern const char rfc8448_server_finished[];
extern const char rfc8448_client_finished[];

#endif
