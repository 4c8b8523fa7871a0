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
		if (token == null || token.length < 2) {
			return null;
		}
		try {
			Der der = new Der(token);
			if ((token[0] & 0xff) == 0x60) {
				der.enter(0x60);
				der.skip(0x06);
				der.pos += 2; // TOK_ID 01 00
			}
			der.enter(0x6E);
			der.enter(SEQUENCE);
			der.skipContext(0);
			der.skipContext(1);
			der.skipContext(2);
			int ticketEnd = der.enter(0xA3);
			der.enter(0x61);
			der.enter(SEQUENCE);
			der.skipContext(0);
			der.skipContext(1);
			der.skipContext(2);
			der.enter(0xA3);
			EncryptedData ticket = EncryptedData.read(der);
			der.pos = ticketEnd;
			der.enter(0xA4);
			EncryptedData authenticator = EncryptedData.read(der);
			SessionKey session = sessionKey(ticket, serviceKeys);
			if (session == null || session.type() != authenticator.etype()) {
				return null;
			}
			byte[] plain = decrypt(authenticator, session.value(), AUTHENTICATOR_USAGE);
			return (plain != null) ? checksumFlags(plain) : null;
		}
		catch (IllegalArgumentException | IndexOutOfBoundsException ex) {
			return null;
		}
	}

	private static @Nullable SessionKey sessionKey(EncryptedData ticket, List<KerberosKey> serviceKeys) {
		for (KerberosKey key : serviceKeys) {
			if (key.getKeyType() != ticket.etype()) {
				continue;
			}
			byte[] plain = decrypt(ticket, key.getEncoded(), TICKET_USAGE);
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

	private static byte @Nullable [] decrypt(EncryptedData data, byte[] baseKey, int usage) {
		EncryptionType type = EncryptionType.of(data.etype());
		if (type == null || baseKey.length != type.keyLength()) {
			return null;
		}
		byte[] buffer = data.cipher().clone();
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
	 */
	private static @Nullable Integer checksumFlags(byte[] authenticator) {
		Der der = new Der(authenticator);
		der.enter(0x62);
		int end = der.enter(SEQUENCE);
		der.skipContext(0);
		der.skipContext(1);
		der.skipContext(2);
		if (!der.at(0xA3, end)) {
			return null;
		}
		der.enter(0xA3);
		der.enter(SEQUENCE);
		der.enter(0xA0);
		int type = der.integer();
		der.enter(0xA1);
		byte[] checksum = der.octets();
		if (type != GSS_CHECKSUM || checksum.length < 24) {
			return null;
		}
		return (checksum[20] & 0xff) | (checksum[21] & 0xff) << 8 | (checksum[22] & 0xff) << 16
				| (checksum[23] & 0xff) << 24;
	}

	/** EncryptionKey ::= SEQUENCE { keytype [0] Int32, keyvalue [1] OCTET STRING }. */
	private record SessionKey(int type, byte[] value) {
	}

	/** EncryptedData ::= SEQUENCE { etype [0] Int32, kvno [1] UInt32 OPTIONAL, cipher [2] OCTET STRING }. */
	private record EncryptedData(int etype, byte[] cipher) {

		static EncryptedData read(Der der) {
			int end = der.enter(SEQUENCE);
			der.enter(0xA0);
			int etype = der.integer();
			if (der.at(0xA1, end)) {
				der.skipContext(1);
			}
			der.enter(0xA2);
			byte[] cipher = der.octets();
			der.pos = end;
			return new EncryptedData(etype, cipher);
		}

	}

}
