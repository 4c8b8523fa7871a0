package org.negotiatetcp.mechanism.kerberos;

import org.jspecify.annotations.Nullable;

/**
 * Reads the service principal a client's Kerberos AP-REQ ticket is for (RFC 4120 5.5.1 and 5.3: the ticket's
 * {@code realm} and {@code sname} are in the clear), so that a server can say which SPN a ticket it cannot decrypt
 * names. Accepts the RFC 4121 initial context token (GSS framing and token id) or a bare AP-REQ; anything else yields
 * {@code null}.
 */
final class TicketNames {

	private static final int AP_REQ = 0x6E;

	private static final int TICKET = 0x61;

	private static final int SEQUENCE = 0x30;

	private TicketNames() {
	}

	/**
	 * Return the ticket's server name.
	 * @param token the initiator's token
	 * @return {@code service/host@REALM}, or {@code null} if the token is not a readable AP-REQ
	 */
	static @Nullable String serverName(byte @Nullable [] token) {
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
			der.enter(AP_REQ);
			der.enter(SEQUENCE);
			der.skipContext(0);
			der.skipContext(1);
			der.skipContext(2);
			der.enter(0xA3);
			der.enter(TICKET);
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

}
