package org.negotiatetcp.boot.client;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

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
	 * Create the endpoints.
	 * @param endpoints the endpoints, whose names must differ
	 * @throws IllegalArgumentException if two endpoints have the same name
	 */
	public NegotiateEndpoints(Collection<NegotiateEndpoint> endpoints) {
		Map<String, NegotiateEndpoint> map = new LinkedHashMap<>();
		for (NegotiateEndpoint endpoint : endpoints) {
			if (map.putIfAbsent(endpoint.name(), endpoint) != null) {
				throw new IllegalArgumentException("Two endpoints are named '" + endpoint.name() + "'");
			}
		}
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

}
