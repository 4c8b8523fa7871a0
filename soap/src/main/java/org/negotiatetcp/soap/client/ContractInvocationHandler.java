package org.negotiatetcp.soap.client;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.w3c.dom.Element;
import reactor.core.Exceptions;
import reactor.core.publisher.Mono;

import org.negotiatetcp.FailureReason;
import org.negotiatetcp.NegotiateException;
import org.negotiatetcp.soap.SoapFaultException;
import org.negotiatetcp.soap.contract.OperationCodec;
import org.negotiatetcp.soap.contract.OperationModel;
import org.negotiatetcp.soap.session.SoapMessage;

/**
 * The proxy's calls: each contract method becomes a request (or a one-way message) on the proxy's session.
 */
final class ContractInvocationHandler implements InvocationHandler {

	private final OperationCodec codec;

	private final ClientSessions sessions;

	private final Supplier<String> address;

	private final SoapClientOptions options;

	ContractInvocationHandler(OperationCodec codec, ClientSessions sessions, Supplier<String> address,
			SoapClientOptions options) {
		this.codec = codec;
		this.sessions = sessions;
		this.address = address;
		this.options = options;
	}

	@Override
	public @Nullable Object invoke(Object proxy, Method method, @Nullable Object @Nullable [] args) throws Throwable {
		if (method.getDeclaringClass() == Object.class) {
			return switch (method.getName()) {
				case "equals" -> proxy == args[0];
				case "hashCode" -> System.identityHashCode(proxy);
				default -> "Proxy of " + this.codec.contract().contract().getName() + " at " + this.address.get();
			};
		}
		if (method.getDeclaringClass() == ContractClient.class || method.getDeclaringClass() == AutoCloseable.class) {
			this.sessions.close(this.options.operationTimeout());
			return null;
		}
		OperationModel operation = this.codec.contract().operation(method);
		if (operation == null) {
			throw new UnsupportedOperationException(method + " is not an operation of "
					+ this.codec.contract().contract().getName());
		}
		Mono<Object> call = call(operation, args);
		if (operation.reactive()) {
			return call.onErrorMap(SoapFaultException.class, ServiceFaultException::of);
		}
		try {
			return call.block();
		}
		catch (RuntimeException ex) {
			Throwable cause = Exceptions.unwrap(ex);
			if (cause instanceof SoapFaultException fault) {
				for (Class<?> declared : method.getExceptionTypes()) {
					if (declared.isInstance(fault)) {
						throw fault;
					}
				}
				throw ServiceFaultException.of(fault);
			}
			throw cause;
		}
	}

	private Mono<Object> call(OperationModel operation, @Nullable Object @Nullable [] args) {
		return Mono.defer(() -> {
			Element body = this.codec.writeRequest(operation, args);
			if (operation.oneWay()) {
				return this.sessions.get()
					.flatMap((session) -> session.sendOneWay(operation.action(), this.address.get(), body))
					.then(Mono.empty());
			}
			return this.sessions.get()
				.flatMap((session) -> session.request(operation.action(), this.address.get(), body))
				.flatMap((reply) -> result(operation, reply));
		}).timeout(this.options.operationTimeout()).onErrorMap(TimeoutException.class,
				(ex) -> new NegotiateException(FailureReason.TIMEOUT, "No reply to " + operation.action() + " from "
						+ this.address.get() + " within " + this.options.operationTimeout(), ex));
	}

	private Mono<Object> result(OperationModel operation, SoapMessage reply) {
		SoapFaultException fault = reply.fault();
		if (fault != null) {
			return Mono.error(fault);
		}
		try {
			return Mono.justOrEmpty(this.codec.readResponse(operation, reply.body()));
		}
		catch (SoapFaultException ex) {
			return Mono.error(ex);
		}
	}

}
