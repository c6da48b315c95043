import type { SecureContextOptions } from 'node:tls';

/**
 * TLS 1.2 and 1.3 only. For TLS 1.2, ECDHE AEAD suites only (forward secrecy; Mozilla's
 * "intermediate" list); Node's default list also accepts static-RSA key exchange (AES128-GCM-SHA256
 * and the like). The TLS 1.3 suites are Node's defaults, named so they stay enabled.
 */
export const TLS_SERVER_OPTIONS = {
  minVersion: 'TLSv1.2',
  ciphers: [
    'TLS_AES_256_GCM_SHA384',
    'TLS_CHACHA20_POLY1305_SHA256',
    'TLS_AES_128_GCM_SHA256',
    'ECDHE-ECDSA-AES128-GCM-SHA256',
    'ECDHE-RSA-AES128-GCM-SHA256',
    'ECDHE-ECDSA-AES256-GCM-SHA384',
    'ECDHE-RSA-AES256-GCM-SHA384',
    'ECDHE-ECDSA-CHACHA20-POLY1305',
    'ECDHE-RSA-CHACHA20-POLY1305',
  ].join(':'),
  honorCipherOrder: true,
} as const satisfies SecureContextOptions & { honorCipherOrder: boolean };
