package org.negotiatetcp.soap.boot;

import org.negotiatetcp.boot.client.NegotiateEndpoint;
import org.negotiatetcp.boot.client.NegotiateEndpoints;
import org.negotiatetcp.soap.client.SoapClientOptions;
import org.negotiatetcp.soap.client.SoapClients;

/**
 * Creates contract proxies bound to the named endpoints of {@code negotiate.tcp.client.endpoints} (each with its
 * address, identity and security binding), with the quotas and timeout of {@code negotiate.tcp.soap.*}.
 * <pre class="code">
 * &#064;Bean
 * Calculator calculator(SoapContractClients clients) {
 * 	return clients.create(Calculator.class, "calculator");
 * }
 * </pre>
 *
 * @author Negotiate TCP
 */
public final class SoapContractClients {

	private final NegotiateEndpoints endpoints;

	private final SoapClientOptions options;

	/**
	 * Creates the factory.
	 * @param endpoints the configured endpoints
	 * @param options the options of every proxy
	 */
	public SoapContractClients(NegotiateEndpoints endpoints, SoapClientOptions options) {
		this.endpoints = endpoints;
		this.options = options;
	}

	/**
	 * Creates a proxy of a contract bound to a configured endpoint.
	 * @param <T> the contract
	 * @param contract the contract interface
	 * @param endpoint the endpoint's name ({@code negotiate.tcp.client.endpoints.<name>})
	 * @return the proxy (it also implements {@link org.negotiatetcp.soap.client.ContractClient})
	 * @throws IllegalArgumentException when no endpoint has that name (the message lists the names) or the contract
	 * is invalid
	 */
	public <T> T create(Class<T> contract, String endpoint) {
		NegotiateEndpoint configured = this.endpoints.get(endpoint);
		// the address is resolved at each call: it may name the port of this application's own server
		return SoapClients.create(contract, configured::open, configured::address, this.options);
	}

}
