package org.negotiatetcp.boot.autoconfigure;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.context.properties.source.MutuallyExclusiveConfigurationPropertiesException;
import org.springframework.util.StringUtils;

import org.negotiatetcp.boot.autoconfigure.NegotiateClientProperties.Endpoint;
import org.negotiatetcp.ChannelMode;
import org.negotiatetcp.channel.NegotiateChannelFactory;
import org.negotiatetcp.identity.EndpointIdentity;

/**
 * The named endpoints of {@code negotiate.tcp.client.endpoints}, validated at startup:
 * {@code endpoints.get("orders").open()}.
 *
 * @author Negotiate TCP
 * @since 0.1.0
 */
public final class NegotiateEndpoints {

	private static final String PREFIX = "negotiate.tcp.client.endpoints.";

	private final Map<String, NegotiateEndpoint> endpoints;

	/**
	 * Create the endpoints from their properties.
	 * @param endpoints the endpoint properties by name
	 * @param factory the factory channels are opened with
	 * @param resolver resolves placeholders in addresses when a channel opens
	 * @throws InvalidConfigurationPropertyValueException for a missing or malformed address, a mode that contradicts
	 * the address, or an identity of a type other than spn, upn or dns
	 */
	public NegotiateEndpoints(Map<String, Endpoint> endpoints, NegotiateChannelFactory factory,
			UnaryOperator<String> resolver) {
		Map<String, NegotiateEndpoint> map = new LinkedHashMap<>();
		endpoints.forEach((name, endpoint) -> map.put(name,
				new NegotiateEndpoint(name, address(name, endpoint), identity(name, endpoint), factory, resolver)));
		this.endpoints = Collections.unmodifiableMap(map);
	}

	/**
	 * Return an endpoint.
	 * @param name the endpoint's name
	 * @return the endpoint
	 * @throws IllegalArgumentException if there is no endpoint with that name
	 */
	public NegotiateEndpoint get(String name) {
		NegotiateEndpoint endpoint = this.endpoints.get(name);
		if (endpoint == null) {
			throw new IllegalArgumentException("No endpoint named '" + name + "'; define " + PREFIX + name
					+ ".address or use one of " + this.endpoints.keySet());
		}
		return endpoint;
	}

	/**
	 * Return the names of the endpoints.
	 * @return the names
	 */
	public Set<String> names() {
		return this.endpoints.keySet();
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
