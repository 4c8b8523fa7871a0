package org.negotiatetcp.identity;

import java.util.Locale;

/**
 * The expected identity of a server, as in {@code WS_ENDPOINT_IDENTITY} / WCF {@code EndpointIdentity}.
 */
public sealed interface EndpointIdentity
		permits EndpointIdentity.Spn, EndpointIdentity.Upn, EndpointIdentity.Dns, EndpointIdentity.Unsupported {

	/**
	 * Return the identity value as configured.
	 * @return the value
	 */
	String value();

	/**
	 * A service principal name such as {@code HTTP/web.example.com} or {@code host/srv@EXAMPLE.COM}, used verbatim.
	 * @param value the SPN
	 */
	record Spn(String value) implements EndpointIdentity {
		public Spn {
			requireText(value, "SPN");
		}
	}

	/**
	 * A user principal name such as {@code svc-orders@example.com}, used verbatim as a user principal. Use it when the
	 * service runs under a domain user account rather than the machine account.
	 * @param value the UPN
	 */
	record Upn(String value) implements EndpointIdentity {
		public Upn {
			requireText(value, "UPN");
		}
	}

	/**
	 * A DNS identity {@code d}; the target name becomes {@code host/d}.
	 * @param value the DNS name
	 */
	record Dns(String value) implements EndpointIdentity {
		public Dns {
			requireText(value, "DNS name");
		}
	}

	/**
	 * An identity of a type this binding cannot use (for example an RSA key or an X.509 certificate identity from a
	 * WCF configuration). Opening a channel with it fails, as {@code WsOpenChannel} does.
	 * @param type the identity type as configured
	 * @param value the value as configured
	 */
	record Unsupported(String type, String value) implements EndpointIdentity {
	}

	/**
	 * Parse an identity written as {@code type:value} with type {@code spn}, {@code upn} or {@code dns}
	 * (case-insensitive). Any other type yields {@link Unsupported}.
	 * @param text the identity, for example {@code spn:host/srv.example.com}
	 * @return the identity
	 * @throws IllegalArgumentException if there is no {@code type:} prefix or the value is empty
	 */
	static EndpointIdentity parse(String text) {
		int colon = text.indexOf(':');
		if (colon <= 0) {
			throw new IllegalArgumentException("Endpoint identity '" + text
					+ "' has no type; write it as spn:<service/host>, upn:<user@domain> or dns:<host name>");
		}
		String type = text.substring(0, colon).trim().toLowerCase(Locale.ROOT);
		String value = text.substring(colon + 1).trim();
		return of(type, value);
	}

	/**
	 * Create an identity from a type name ({@code spn}, {@code upn}, {@code dns}) and a value.
	 * @param type the type, case-insensitive
	 * @param value the value
	 * @return the identity; {@link Unsupported} for any other type
	 */
	static EndpointIdentity of(String type, String value) {
		return switch (type.toLowerCase(Locale.ROOT)) {
			case "spn" -> new Spn(value);
			case "upn" -> new Upn(value);
			case "dns" -> new Dns(value);
			default -> new Unsupported(type, value);
		};
	}

	private static void requireText(String value, String what) {
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException(what + " identity must not be empty");
		}
	}

}
