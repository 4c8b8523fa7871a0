package org.negotiatetcp.mechanism.kerberos;

import java.util.Arrays;

import org.jspecify.annotations.Nullable;

/**
 * Where the parts of a Kerberos AP-REQ lie in an initiator's first token (RFC 4121 4.1 initial context token, or a
 * bare AP-REQ): the ticket (its whole encoding and its encrypted part) and the authenticator's EncryptedData. Offsets
 * index the token, so a part can be read, or rewritten in place when its length does not change.
 * <pre>
 * AP-REQ ::= [APPLICATION 14] SEQUENCE { pvno [0], msg-type [1], ap-options [2], ticket [3] Ticket,
 *                                        authenticator [4] EncryptedData }
 * Ticket ::= [APPLICATION 1] SEQUENCE { tkt-vno [0], realm [1], sname [2], enc-part [3] EncryptedData }
 * EncryptedData ::= SEQUENCE { etype [0] Int32, kvno [1] UInt32 OPTIONAL, cipher [2] OCTET STRING }
 * </pre>
 */
final class ApReq {

	private static final int SEQUENCE = 0x30;

	private final byte[] token;

	private final int ticketStart;

	private final int ticketEnd;

	private final EncryptedPart ticket;

	private final EncryptedPart authenticator;

	private ApReq(byte[] token, int ticketStart, int ticketEnd, EncryptedPart ticket, EncryptedPart authenticator) {
		this.token = token;
		this.ticketStart = ticketStart;
		this.ticketEnd = ticketEnd;
		this.ticket = ticket;
		this.authenticator = authenticator;
	}

	/**
	 * Find the parts of an AP-REQ.
	 * @param token the initiator's first token
	 * @return the AP-REQ, or {@code null} if the token is not one (another token ID, or malformed)
	 */
	static @Nullable ApReq parse(byte @Nullable [] token) {
		if (token == null || token.length < 2) {
			return null;
		}
		try {
			Der der = new Der(token);
			if ((token[0] & 0xff) == 0x60) {
				der.enter(0x60);
				der.skip(0x06);
				// TOK_ID 01 00: KRB_AP_REQ
				if (der.pos + 2 > token.length || token[der.pos] != 0x01 || token[der.pos + 1] != 0x00) {
					return null;
				}
				der.pos += 2;
			}
			der.enter(0x6E);
			der.enter(SEQUENCE);
			der.skipContext(0);
			der.skipContext(1);
			der.skipContext(2);
			int ticketEnd = der.enter(0xA3);
			int ticketStart = der.pos;
			der.enter(0x61);
			der.enter(SEQUENCE);
			der.skipContext(0);
			der.skipContext(1);
			der.skipContext(2);
			der.enter(0xA3);
			EncryptedPart ticket = EncryptedPart.read(der);
			der.pos = ticketEnd;
			der.enter(0xA4);
			EncryptedPart authenticator = EncryptedPart.read(der);
			return new ApReq(token, ticketStart, ticketEnd, ticket, authenticator);
		}
		catch (IllegalArgumentException | IndexOutOfBoundsException ex) {
			return null;
		}
	}

	/** The ticket's encrypted part (EncTicketPart, key usage 2, under the service key). */
	EncryptedPart ticket() {
		return this.ticket;
	}

	/** The authenticator (key usage 11, under the ticket's session key). */
	EncryptedPart authenticator() {
		return this.authenticator;
	}

	/**
	 * The service principal the ticket is for (RFC 4120 5.3: the ticket's {@code realm} and {@code sname} are in the
	 * clear), so that a server can say which SPN a ticket it cannot decrypt names.
	 * @return {@code service/host@REALM}, or {@code null} if the names cannot be read
	 */
	@Nullable String serverName() {
		try {
			Der der = new Der(this.token);
			der.pos = this.ticketStart;
			der.enter(0x61);
			der.enter(SEQUENCE);
			der.skipContext(0);
			der.enter(0xA1);
			String realm = der.string();
			der.enter(0xA2);
			der.enter(SEQUENCE);
			der.skipContext(0);
			der.enter(0xA1);
			int end = der.enter(SEQUENCE);
			StringBuilder name = new StringBuilder();
			while (der.pos < end) {
				name.append((name.length() > 0) ? "/" : "").append(der.string());
			}
			return name + "@" + realm;
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	/** The DER encoding of the Ticket, as {@code KerberosTicket.getEncoded()} returns it. */
	byte[] ticketEncoding() {
		return Arrays.copyOfRange(this.token, this.ticketStart, this.ticketEnd);
	}

	/**
	 * Where an EncryptedData's ciphertext lies in the token.
	 * @param etype the encryption type
	 * @param offset where the {@code cipher} octets start
	 * @param length how many they are
	 */
	record EncryptedPart(int etype, int offset, int length) {

		static EncryptedPart read(Der der) {
			int end = der.enter(SEQUENCE);
			der.enter(0xA0);
			int etype = der.integer();
			if (der.at(0xA1, end)) {
				der.skipContext(1);
			}
			der.enter(0xA2);
			int cipherEnd = der.enter(0x04);
			EncryptedPart part = new EncryptedPart(etype, der.pos, cipherEnd - der.pos);
			der.pos = end;
			return part;
		}

		/** A copy of the ciphertext. */
		byte[] cipher(byte[] token) {
			return Arrays.copyOfRange(token, this.offset, this.offset + this.length);
		}

	}

}
