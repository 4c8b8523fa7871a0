package org.negotiatetcp.mechanism.kerberos;

import java.util.Arrays;
import java.util.List;

import javax.security.auth.kerberos.KerberosKey;

import org.jspecify.annotations.Nullable;

import org.negotiatetcp.mechanism.kerberos.crypto.EncryptionType;
import org.negotiatetcp.mechanism.kerberos.crypto.KeyUsageCipher;
import org.negotiatetcp.mechanism.kerberos.crypto.PerMessageTokenException;

/**
 * Reads the GSS flags a Kerberos initiator put in its AP-REQ authenticator's checksum (RFC 4121 4.1.1, checksum type
 * {@code 0x8003}), which the JDK does not expose: among them {@link #IDENTIFY} ({@code GSS_C_IDENTIFY_FLAG},
 * [MS-KILE] 3.2.5.2), which a Windows client sets when it allows identification only. The ticket is decrypted with
 * the service key (key usage 2) to get the session key, and the authenticator with the session key (key usage 11).
 * Only the AES encryption types of {@link EncryptionType} are read; anything else yields {@code null} (unknown).
 * <p>
 * On the initiator, {@link #withFlags} sets flags JGSS cannot request (the identify flag) in the authenticator of the
 * AP-REQ JGSS made, with the ticket's session key.
 */
final class AuthenticatorFlags {

	/** {@code GSS_C_DELEG_FLAG}. */
	static final int DELEG = 0x1;

	/** {@code GSS_C_IDENTIFY_FLAG}. */
	static final int IDENTIFY = 0x2000;

	private static final int GSS_CHECKSUM = 0x8003;

	private static final int TICKET_USAGE = 2;

	private static final int AUTHENTICATOR_USAGE = 11;

	private static final int SEQUENCE = 0x30;

	private AuthenticatorFlags() {
	}

	/**
	 * Return the checksum flags of an AP-REQ.
	 * @param token the initiator's first token (RFC 4121 initial context token or a bare AP-REQ)
	 * @param serviceKeys the service's keys for the ticket's server name
	 * @return the flags, or {@code null} if the token cannot be read or decrypted with these keys
	 */
	static @Nullable Integer read(byte @Nullable [] token, List<KerberosKey> serviceKeys) {
		ApReq apReq = ApReq.parse(token);
		if (token == null || apReq == null) {
			return null;
		}
		try {
			SessionKey session = sessionKey(token, apReq.ticket(), serviceKeys);
			ApReq.EncryptedPart authenticator = apReq.authenticator();
			if (session == null || session.type() != authenticator.etype()) {
				return null;
			}
			byte[] plain = decrypt(token, authenticator, session.value(), AUTHENTICATOR_USAGE);
			if (plain == null) {
				return null;
			}
			int at = checksumFlagsOffset(plain);
			return (at >= 0) ? flagsAt(plain, at) : null;
		}
		catch (IllegalArgumentException | IndexOutOfBoundsException ex) {
			return null;
		}
	}

	/**
	 * Return a copy of an initiator's AP-REQ whose authenticator checksum carries more flags: the authenticator is
	 * decrypted with the ticket's session key, the flags are set in its 0x8003 checksum, and it is encrypted again
	 * (with a fresh confounder) in place, its length unchanged. Everything else the initiator put in it (sequence
	 * number, subkey, time) stays, so the initiator's context goes on as if it had sent the flags itself.
	 * @param token the initiator's first token
	 * @param sessionKeyType the encryption type of the ticket's session key
	 * @param sessionKey the ticket's session key
	 * @param flags the flags to set
	 * @return the new token, or {@code null} if the authenticator cannot be rewritten (another encryption type than
	 * the AES ones of {@link EncryptionType}, no 0x8003 checksum, or a token that is not an AP-REQ)
	 */
	static byte @Nullable [] withFlags(byte[] token, int sessionKeyType, byte[] sessionKey, int flags) {
		ApReq apReq = ApReq.parse(token);
		EncryptionType type = EncryptionType.of(sessionKeyType);
		if (apReq == null || type == null || apReq.authenticator().etype() != sessionKeyType
				|| sessionKey.length != type.keyLength()) {
			return null;
		}
		ApReq.EncryptedPart authenticator = apReq.authenticator();
		byte[] buffer = authenticator.cipher(token);
		int length;
		try {
			length = KeyUsageCipher.create(type, sessionKey, AUTHENTICATOR_USAGE).decrypt(buffer, 0, buffer.length);
		}
		catch (PerMessageTokenException ex) {
			return null;
		}
		byte[] plain = Arrays.copyOfRange(buffer, KeyUsageCipher.CONFOUNDER_LENGTH,
				KeyUsageCipher.CONFOUNDER_LENGTH + length);
		int at;
		try {
			at = checksumFlagsOffset(plain);
		}
		catch (IllegalArgumentException | IndexOutOfBoundsException ex) {
			return null;
		}
		if (at < 0) {
			return null;
		}
		int set = flagsAt(plain, at) | flags;
		buffer[KeyUsageCipher.CONFOUNDER_LENGTH + at] = (byte) set;
		buffer[KeyUsageCipher.CONFOUNDER_LENGTH + at + 1] = (byte) (set >>> 8);
		buffer[KeyUsageCipher.CONFOUNDER_LENGTH + at + 2] = (byte) (set >>> 16);
		buffer[KeyUsageCipher.CONFOUNDER_LENGTH + at + 3] = (byte) (set >>> 24);
		int encrypted = KeyUsageCipher.create(type, sessionKey, AUTHENTICATOR_USAGE).encrypt(buffer, 0, length);
		if (encrypted != authenticator.length()) {
			return null;
		}
		byte[] rewritten = token.clone();
		System.arraycopy(buffer, 0, rewritten, authenticator.offset(), encrypted);
		return rewritten;
	}

	private static @Nullable SessionKey sessionKey(byte[] token, ApReq.EncryptedPart ticket,
			List<KerberosKey> serviceKeys) {
		for (KerberosKey key : serviceKeys) {
			if (key.getKeyType() != ticket.etype()) {
				continue;
			}
			byte[] plain = decrypt(token, ticket, key.getEncoded(), TICKET_USAGE);
			if (plain != null) {
				// EncTicketPart ::= [APPLICATION 3] SEQUENCE { flags [0], key [1] EncryptionKey, ... }
				Der der = new Der(plain);
				der.enter(0x63);
				der.enter(SEQUENCE);
				der.skipContext(0);
				der.enter(0xA1);
				der.enter(SEQUENCE);
				der.enter(0xA0);
				int type = der.integer();
				der.enter(0xA1);
				return new SessionKey(type, der.octets());
			}
		}
		return null;
	}

	private static byte @Nullable [] decrypt(byte[] token, ApReq.EncryptedPart data, byte[] baseKey, int usage) {
		EncryptionType type = EncryptionType.of(data.etype());
		if (type == null || baseKey.length != type.keyLength()) {
			return null;
		}
		byte[] buffer = data.cipher(token);
		try {
			int length = KeyUsageCipher.create(type, baseKey, usage).decrypt(buffer, 0, buffer.length);
			return Arrays.copyOfRange(buffer, KeyUsageCipher.CONFOUNDER_LENGTH,
					KeyUsageCipher.CONFOUNDER_LENGTH + length);
		}
		catch (PerMessageTokenException ex) {
			return null;
		}
	}

	/**
	 * Authenticator ::= [APPLICATION 2] SEQUENCE { authenticator-vno [0], crealm [1], cname [2], cksum [3] Checksum
	 * OPTIONAL, ... }; the 0x8003 checksum is Lgth (4), Bnd (16), Flags (4, little-endian), ...
	 * @return where the flags lie in the authenticator, or -1 without a 0x8003 checksum
	 */
	private static int checksumFlagsOffset(byte[] authenticator) {
		Der der = new Der(authenticator);
		der.enter(0x62);
		int end = der.enter(SEQUENCE);
		der.skipContext(0);
		der.skipContext(1);
		der.skipContext(2);
		if (!der.at(0xA3, end)) {
			return -1;
		}
		der.enter(0xA3);
		der.enter(SEQUENCE);
		der.enter(0xA0);
		int type = der.integer();
		der.enter(0xA1);
		int checksumEnd = der.enter(0x04);
		if (type != GSS_CHECKSUM || checksumEnd - der.pos < 24) {
			return -1;
		}
		return der.pos + 20;
	}

	private static int flagsAt(byte[] plain, int at) {
		return (plain[at] & 0xff) | (plain[at + 1] & 0xff) << 8 | (plain[at + 2] & 0xff) << 16
				| (plain[at + 3] & 0xff) << 24;
	}

	/** EncryptionKey ::= SEQUENCE { keytype [0] Int32, keyvalue [1] OCTET STRING }. */
	private record SessionKey(int type, byte[] value) {
	}

}
