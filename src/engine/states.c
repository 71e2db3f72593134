/* engine/states.c — readable names for mbed TLS's handshake states (ssl.h). */
#include "engine/engine.h"

#include <mbedtls/ssl.h>

const char *engine_state_name(int state)
{
	switch ((mbedtls_ssl_states)state) {
	case MBEDTLS_SSL_HELLO_REQUEST: return "HelloRequest";
	case MBEDTLS_SSL_CLIENT_HELLO: return "ClientHello";
	case MBEDTLS_SSL_SERVER_HELLO: return "ServerHello";
	case MBEDTLS_SSL_SERVER_CERTIFICATE: return "ServerCertificate";
	case MBEDTLS_SSL_SERVER_KEY_EXCHANGE: return "ServerKeyExchange";
	case MBEDTLS_SSL_CERTIFICATE_REQUEST: return "CertificateRequest";
	case MBEDTLS_SSL_SERVER_HELLO_DONE: return "ServerHelloDone";
	case MBEDTLS_SSL_CLIENT_CERTIFICATE: return "ClientCertificate";
	case MBEDTLS_SSL_CLIENT_KEY_EXCHANGE: return "ClientKeyExchange";
	case MBEDTLS_SSL_CERTIFICATE_VERIFY: return "CertificateVerify";
	case MBEDTLS_SSL_CLIENT_CHANGE_CIPHER_SPEC: return "ClientChangeCipherSpec";
	case MBEDTLS_SSL_CLIENT_FINISHED: return "ClientFinished";
	case MBEDTLS_SSL_SERVER_CHANGE_CIPHER_SPEC: return "ServerChangeCipherSpec";
	case MBEDTLS_SSL_SERVER_FINISHED: return "ServerFinished";
	case MBEDTLS_SSL_FLUSH_BUFFERS: return "FlushBuffers";
	case MBEDTLS_SSL_HANDSHAKE_WRAPUP: return "HandshakeWrapup";
	case MBEDTLS_SSL_NEW_SESSION_TICKET: return "NewSessionTicket";
	case MBEDTLS_SSL_SERVER_HELLO_VERIFY_REQUEST_SENT: return "HelloVerifyRequestSent";
	case MBEDTLS_SSL_HELLO_RETRY_REQUEST: return "HelloRetryRequest";
	case MBEDTLS_SSL_ENCRYPTED_EXTENSIONS: return "EncryptedExtensions";
	case MBEDTLS_SSL_END_OF_EARLY_DATA: return "EndOfEarlyData";
	case MBEDTLS_SSL_CLIENT_CERTIFICATE_VERIFY: return "ClientCertificateVerify";
	case MBEDTLS_SSL_CLIENT_CCS_AFTER_SERVER_FINISHED: return "ClientCcsAfterServerFinished";
	case MBEDTLS_SSL_CLIENT_CCS_BEFORE_2ND_CLIENT_HELLO: return "ClientCcsBefore2ndClientHello";
	case MBEDTLS_SSL_SERVER_CCS_AFTER_SERVER_HELLO: return "ServerCcsAfterServerHello";
	case MBEDTLS_SSL_CLIENT_CCS_AFTER_CLIENT_HELLO: return "ClientCcsAfterClientHello";
	case MBEDTLS_SSL_SERVER_CCS_AFTER_HELLO_RETRY_REQUEST: return "ServerCcsAfterHelloRetryRequest";
	case MBEDTLS_SSL_HANDSHAKE_OVER: return "HandshakeOver";
	case MBEDTLS_SSL_TLS1_3_NEW_SESSION_TICKET: return "Tls13NewSessionTicket";
	case MBEDTLS_SSL_TLS1_3_NEW_SESSION_TICKET_FLUSH: return "Tls13NewSessionTicketFlush";
	}
	return "unknown";
}
