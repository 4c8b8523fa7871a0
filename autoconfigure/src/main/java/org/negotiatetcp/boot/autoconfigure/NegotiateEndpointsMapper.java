package org.negotiatetcp.boot.autoconfigure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.context.properties.source.MutuallyExclusiveConfigurationPropertiesException;
import org.springframework.util.StringUtils;

import org.negotiatetcp.ChannelMode;
import org.negotiatetcp.boot.autoconfigure.NegotiateClientProperties.Endpoint;
import org.negotiatetcp.boot.client.EndpointDelegation;
import org.negotiatetcp.boot.client.NegotiateEndpoint;
import org.negotiatetcp.boot.client.NegotiateEndpoints;
import org.negotiatetcp.channel.ClientSettings;
import org.negotiatetcp.channel.NegotiateChannelFactory;
import org.negotiatetcp.identity.EndpointIdentity;
import org.negotiatetcp.mechanism.ClientCredential;
import org.negotiatetcp.security.AuthPackage;

/**
 * Maps {@code negotiate.tcp.client.endpoints} onto {@link NegotiateEndpoints}, validated at startup: a missing or
 * malformed address, a mode that contradicts the address, or an identity of a type other than spn, upn or dns fails
 * naming the property. An endpoint with its own security binding gets a copy of the application's factory with those
 * settings (sharing its customizers, observability and connection pool).
 *
 * @author Negotiate TCP
 */
final class NegotiateEndpointsMapper {

	private static final String PREFIX = "negotiate.tcp.client.endpoints.";

	private final NegotiateClientSettingsMapper settings;

	private final NegotiateChannelFactory factory;

	private final UnaryOperator<String> resolver;

	NegotiateEndpointsMapper(NegotiateClientSettingsMapper settings, NegotiateChannelFactory factory,
			UnaryOperator<String> resolver) {
		this.settings = settings;
		this.factory = factory;
		this.resolver = resolver;
	}

	NegotiateEndpoints map(Map<String, Endpoint> endpoints) {
		List<NegotiateEndpoint> mapped = new ArrayList<>();
		endpoints.forEach((name, endpoint) -> {
			NegotiateChannelFactory factory = factory(name, endpoint);
			checkDelegation(name, endpoint, factory.settings());
			mapped.add(new NegotiateEndpoint(name, address(name, endpoint), identity(name, endpoint), factory,
					this.resolver, endpoint.getDelegation()));
		});
		return new NegotiateEndpoints(mapped);
	}

	private NegotiateChannelFactory factory(String name, Endpoint endpoint) {
		ClientSettings defaults = this.factory.settings();
		ClientSettings own = this.settings.endpoint(defaults, name, endpoint);
		return own.equals(defaults) ? this.factory : this.factory.withSettings(own);
	}

	/**
	 * Constrained delegation asks the KDC for tickets with the endpoint's own Kerberos credential: it needs a keytab
	 * or password credential (the service account) and a package that can carry Kerberos.
	 */
	private static void checkDelegation(String name, Endpoint endpoint, ClientSettings settings) {
		if (endpoint.getDelegation() != EndpointDelegation.CONSTRAINED) {
			return;
		}
		String at = PREFIX + name + ".";
		if (settings.authPackage() == AuthPackage.NTLM) {
			throw new InvalidConfigurationPropertyValueException(at + "delegation", "constrained",
					"Constrained delegation is Kerberos (S4U2Self and S4U2Proxy), but the endpoint's package is ntlm; "
							+ "set " + at + "windows-integrated-auth-package to kerberos or spnego");
		}
		if (!(settings.credential() instanceof ClientCredential.Keytab)
				&& !(settings.credential() instanceof ClientCredential.Password)) {
			throw new InvalidConfigurationPropertyValueException(at + "delegation", "constrained",
					"Constrained delegation asks the KDC for tickets in the client's name with the service account's "
							+ "own credential, but the endpoint's credential is " + settings.credential() + "; set "
							+ at + "credential to a credential under negotiate.tcp.credentials with the keytab (or "
							+ "password) of the account whose msDS-AllowedToDelegateTo lists this endpoint's SPN");
		}
	}

	private static String address(String name, Endpoint endpoint) {
		String property = PREFIX + name + ".address";
		String address = endpoint.getAddress();
		if (!StringUtils.hasText(address)) {
			throw new InvalidConfigurationPropertyValueException(property, address,
					"Every endpoint needs an address: net.tcp://host[:port]/path or tcp://host:port");
		}
		String lower = address.trim().toLowerCase(Locale.ROOT);
		ChannelMode fromScheme;
		if (lower.startsWith("net.tcp://")) {
			fromScheme = ChannelMode.NET_TCP;
		}
		else if (lower.startsWith("tcp://")) {
			fromScheme = ChannelMode.RAW;
		}
		else {
			throw new InvalidConfigurationPropertyValueException(property, address,
					"The address must start with net.tcp:// (WCF net.tcp) or tcp:// (raw NegotiateStream)");
		}
		ChannelMode mode = endpoint.getMode();
		if (mode != null && mode != fromScheme) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + name + ".mode", mode,
					"The mode contradicts the address " + address + ": net.tcp:// addresses are net-tcp, tcp:// "
							+ "addresses are raw; change the scheme of the address or remove the mode");
		}
		return address.trim();
	}

	private static @Nullable EndpointIdentity identity(String name, Endpoint endpoint) {
		String at = PREFIX + name;
		Map<String, String> given = new LinkedHashMap<>();
		put(given, at + ".identity", endpoint.getIdentity());
		put(given, at + ".spn", endpoint.getSpn());
		put(given, at + ".upn", endpoint.getUpn());
		put(given, at + ".dns", endpoint.getDns());
		if (given.size() > 1) {
			throw new MutuallyExclusiveConfigurationPropertiesException(given.keySet(),
					Set.of(at + ".identity", at + ".spn", at + ".upn", at + ".dns"));
		}
		if (given.isEmpty()) {
			return null;
		}
		Map.Entry<String, String> entry = given.entrySet().iterator().next();
		String property = entry.getKey();
		String value = entry.getValue();
		EndpointIdentity identity;
		try {
			identity = switch (property.substring(at.length() + 1)) {
				case "spn" -> new EndpointIdentity.Spn(value);
				case "upn" -> new EndpointIdentity.Upn(value);
				case "dns" -> new EndpointIdentity.Dns(value);
				default -> EndpointIdentity.parse(value);
			};
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidConfigurationPropertyValueException(property, value, ex.getMessage());
		}
		if (identity instanceof EndpointIdentity.Unsupported other) {
			throw new InvalidConfigurationPropertyValueException(property, value, "An endpoint identity of type '"
					+ other.type() + "' cannot be used with Windows Integrated Authentication over TCP "
					+ "(WS_TCP_SSPI_TRANSPORT_SECURITY_BINDING accepts only SPN, UPN and DNS identities); write "
					+ "spn:<service/host>, upn:<user@domain> or dns:<host>, or remove it to use host/<host of the address>");
		}
		return identity;
	}

	private static void put(Map<String, String> given, String property, @Nullable String value) {
		if (StringUtils.hasText(value)) {
			given.put(property, value.trim());
		}
	}

}
