package org.negotiatetcp.mechanism.kerberos.crypto;

import java.util.HexFormat;

/**
 * Hex strings as the RFCs print them (spaces allowed).
 */
final class Hex {

	private Hex() {
	}

	static byte[] bytes(String hex) {
		return HexFormat.of().parseHex(hex.replaceAll("\\s", "").toLowerCase());
	}

}
