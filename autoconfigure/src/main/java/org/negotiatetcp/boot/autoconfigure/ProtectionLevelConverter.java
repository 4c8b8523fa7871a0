package org.negotiatetcp.boot.autoconfigure;

import java.util.Locale;

import org.springframework.core.convert.converter.Converter;

import org.negotiatetcp.security.ProtectionLevel;

/**
 * Binds a {@code protection-level} property written either as a .NET protection level ({@code none}, {@code sign},
 * {@code encrypt-and-sign}) or as the RPC authentication level it corresponds to ({@code connect}, {@code pkt-integrity},
 * {@code pkt-privacy}, also with the {@code rpc-c-authn-level-} prefix), ignoring case, dashes and underscores.
 *
 * @author Negotiate TCP
 */
final class ProtectionLevelConverter implements Converter<String, ProtectionLevel> {

	@Override
	public ProtectionLevel convert(String source) {
		String key = source.trim().toLowerCase(Locale.ROOT).replace("-", "").replace("_", "").replace(" ", "");
		if (key.startsWith("rpccauthnlevel")) {
			key = key.substring("rpccauthnlevel".length());
		}
		return switch (key) {
			case "none", "connect" -> ProtectionLevel.NONE;
			case "sign", "pktintegrity" -> ProtectionLevel.SIGN;
			case "encryptandsign", "pktprivacy" -> ProtectionLevel.ENCRYPT_AND_SIGN;
			default -> throw new IllegalArgumentException("Unknown protection level '" + source + "': use none, sign "
					+ "or encrypt-and-sign, or the RPC authentication levels connect, pkt-integrity or pkt-privacy");
		};
	}

}
