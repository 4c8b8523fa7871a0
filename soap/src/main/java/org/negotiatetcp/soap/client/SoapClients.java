package org.negotiatetcp.soap.client;

import java.lang.reflect.Proxy;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.negotiatetcp.channel.NegotiateChannel;
import org.negotiatetcp.channel.NegotiateChannelFactory;
import org.negotiatetcp.identity.EndpointIdentity;
import org.negotiatetcp.soap.contract.ContractModel;
import org.negotiatetcp.soap.contract.OperationCodec;

/**
 * Creates contract proxies, as WCF's {@code ChannelFactory<T>.CreateChannel()}: the proxy implements the contract and
 * {@link ContractClient}. Its first call opens a channel (Kerberos/NTLM, [MC-NMF] {@code net.tcp} with the content type
 * {@code application/soap+msbinsession1}, the factory's default) and every later call, from any thread, shares that
 * session until it ends or the proxy is closed; then the next call opens a new one.
 * <p>
 * A method returning {@code Mono<T>} returns at once; others block until the reply (do not call them on an event
 * loop). A reply that is a fault fails the call with the {@link org.negotiatetcp.soap.SoapFaultException} itself when
 * a blocking method declares it, else with a {@link ServiceFaultException} ({@link ServiceAccessDeniedException} when
 * the service denied the operation).
 */
public final class SoapClients {

	private SoapClients() {
	}

	/**
	 * Creates a proxy bound to a {@code net.tcp} address.
	 * @param <T> the contract
	 * @param contract the contract interface
	 * @param factory the channel factory (its content type must be {@code application/soap+msbinsession1})
	 * @param address the endpoint, for example {@code net.tcp://server:808/calculator}
	 * @return the proxy
	 */
	public static <T> T create(Class<T> contract, NegotiateChannelFactory factory, String address) {
		return create(contract, factory, address, null, SoapClientOptions.DEFAULTS);
	}

	/**
	 * Creates a proxy bound to a {@code net.tcp} address.
	 * @param <T> the contract
	 * @param contract the contract interface
	 * @param factory the channel factory
	 * @param address the endpoint
	 * @param identity the service's expected identity, or {@code null} to derive it from the address
	 * @param options the options
	 * @return the proxy
	 */
	public static <T> T create(Class<T> contract, NegotiateChannelFactory factory, String address,
			@Nullable EndpointIdentity identity, SoapClientOptions options) {
		return create(contract, () -> factory.open(address, identity), address, options);
	}

	/**
	 * Creates a proxy over channels from any source (for example a configured endpoint's {@code open()}).
	 * @param <T> the contract
	 * @param contract the contract interface
	 * @param opener opens a channel to the service
	 * @param address the endpoint's address, sent as the {@code To} header
	 * @param options the options
	 * @return the proxy
	 * @throws IllegalArgumentException when the contract is invalid
	 */
	public static <T> T create(Class<T> contract, Supplier<Mono<NegotiateChannel>> opener, String address,
			SoapClientOptions options) {
		return create(contract, opener, () -> address, options);
	}

	/**
	 * Creates a proxy over channels from any source, with an address resolved at each call (for example a configured
	 * endpoint's address with a {@code ${local.negotiate.tcp.server.port}} placeholder, known only once the server
	 * listens).
	 * @param <T> the contract
	 * @param contract the contract interface
	 * @param opener opens a channel to the service
	 * @param address the endpoint's address, sent as the {@code To} header
	 * @param options the options
	 * @return the proxy
	 * @throws IllegalArgumentException when the contract is invalid
	 */
	public static <T> T create(Class<T> contract, Supplier<Mono<NegotiateChannel>> opener, Supplier<String> address,
			SoapClientOptions options) {
		OperationCodec codec = new OperationCodec(ContractModel.of(contract));
		ContractInvocationHandler handler = new ContractInvocationHandler(codec, new ClientSessions(opener, options),
				address, options);
		Object proxy = Proxy.newProxyInstance(contract.getClassLoader(),
				new Class<?>[] { contract, ContractClient.class }, handler);
		return contract.cast(proxy);
	}

}
