/**
 * Kerberos V5 message protection without JGSS: the RFC 3961 simplified profile (n-fold, key derivation) for the AES
 * encryption types of RFC 3962 and RFC 8009, and the RFC 4121 per-message tokens (Wrap and MIC) built on them.
 * <p>
 * Keys are derived once per security context and the JCA {@code Cipher} and {@code Mac} instances are kept with them,
 * so protecting a message costs the cipher and the HMAC and nothing else.
 */
@NullMarked
package org.negotiatetcp.mechanism.kerberos.crypto;

import org.jspecify.annotations.NullMarked;
