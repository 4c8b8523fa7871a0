package org.negotiatetcp.soap.service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.negotiatetcp.channel.NegotiateChannel;
import org.negotiatetcp.channel.NegotiateChannelHandler;
import org.negotiatetcp.soap.SoapFaultException;
import org.negotiatetcp.soap.binary.BinaryXmlQuotas;
import org.negotiatetcp.soap.contract.ContractModel;
import org.negotiatetcp.soap.contract.OperationCodec;
import org.negotiatetcp.soap.contract.OperationModel;
import org.negotiatetcp.soap.contract.ServiceContract;
import org.negotiatetcp.soap.session.SoapMessage;
import org.negotiatetcp.soap.session.SoapReply;
import org.negotiatetcp.soap.session.SoapSession;
import org.negotiatetcp.soap.session.StandardFaults;

/**
 * Serves service objects on a server's channels, as WCF's {@code ServiceHost}: each channel is a
 * {@link SoapSession} (content type {@code application/soap+msbinsession1}), each request goes to the operation with
 * its action, among the {@link ServiceContract} interfaces the service objects implement. Requests of one session run
 * concurrently; blocking operations run on Reactor's bounded elastic scheduler. A request whose action no operation
 * has gets WCF's {@code ActionNotSupported} fault.
 */
public final class SoapServiceHandler implements NegotiateChannelHandler {

	private final Map<String, Endpoint> byAction;

	private final OperationInterceptor interceptor;

	private final BinaryXmlQuotas quotas;

	private SoapServiceHandler(Map<String, Endpoint> byAction, OperationInterceptor interceptor,
			BinaryXmlQuotas quotas) {
		this.byAction = Map.copyOf(byAction);
		this.interceptor = interceptor;
		this.quotas = quotas;
	}

	/**
	 * Starts building a handler.
	 * @return a builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Returns the actions served.
	 * @return the actions
	 */
	public java.util.Set<String> actions() {
		return this.byAction.keySet();
	}

	@Override
	public Publisher<Void> handle(NegotiateChannel channel) {
		return SoapSession.serve(channel, this.quotas, this::dispatch);
	}

	private Mono<SoapReply> dispatch(SoapMessage request, SoapSession session) {
		Endpoint endpoint = this.byAction.get(request.headers().action());
		if (endpoint == null) {
			return Mono.error(StandardFaults.actionNotSupported(request.headers().action()));
		}
		OperationModel operation = endpoint.codec().contract().operationForAction(request.headers().action());
		Objects.requireNonNull(operation);
		@Nullable Object[] arguments;
		try {
			arguments = endpoint.codec().readRequest(operation, request.body());
		}
		catch (SoapFaultException ex) {
			return Mono.error(ex);
		}
		OperationInvocation invocation = new OperationInvocation(session.channel(), operation, endpoint.target(),
				arguments);
		Mono<Object> result;
		if (operation.reactive()) {
			result = Mono.defer(() -> {
				try {
					Object returned = this.interceptor.intercept(invocation);
					return (returned != null) ? Mono.from((Publisher<?>) returned).map(Object.class::cast)
							: Mono.empty();
				}
				catch (Exception ex) {
					return Mono.error(ex);
				}
			});
		}
		else {
			result = Mono.fromCallable(() -> this.interceptor.intercept(invocation))
				.subscribeOn(Schedulers.boundedElastic());
		}
		if (operation.oneWay()) {
			return result.then(Mono.empty());
		}
		return result.map((value) -> new SoapReply(operation.replyAction(),
				endpoint.codec().writeResponse(operation, value)))
			.switchIfEmpty(Mono.fromSupplier(() -> new SoapReply(operation.replyAction(),
					endpoint.codec().writeResponse(operation, null))));
	}

	@Override
	public String toString() {
		return "SoapServiceHandler" + this.byAction.keySet();
	}

	private record Endpoint(Object target, OperationCodec codec) {

	}

	/**
	 * Builds a {@link SoapServiceHandler}.
	 */
	public static final class Builder {

		private final Map<String, Endpoint> byAction = new LinkedHashMap<>();

		private OperationInterceptor interceptor = OperationInterceptor.NONE;

		private BinaryXmlQuotas quotas = BinaryXmlQuotas.DEFAULTS;

		private Builder() {
		}

		/**
		 * Serves an object on every {@link ServiceContract} interface it implements.
		 * @param service the service object (a Spring bean, possibly a proxy)
		 * @return this builder
		 * @throws IllegalArgumentException when it implements no contract, or an action is served twice
		 */
		public Builder service(Object service) {
			List<Class<?>> contracts = contracts(service.getClass());
			if (contracts.isEmpty()) {
				throw new IllegalArgumentException(service.getClass().getName() + " implements no interface "
						+ "annotated @ServiceContract");
			}
			contracts.forEach((contract) -> service(contract, service));
			return this;
		}

		/**
		 * Serves an object on one contract.
		 * @param contract the contract interface
		 * @param service an object implementing it
		 * @return this builder
		 * @throws IllegalArgumentException when an action is already served
		 */
		public Builder service(Class<?> contract, Object service) {
			if (!contract.isInstance(service)) {
				throw new IllegalArgumentException(service.getClass().getName() + " does not implement "
						+ contract.getName());
			}
			OperationCodec codec = new OperationCodec(ContractModel.of(contract));
			for (OperationModel operation : codec.contract().operations()) {
				Endpoint previous = this.byAction.putIfAbsent(operation.action(), new Endpoint(service, codec));
				if (previous != null) {
					throw new IllegalArgumentException("The action " + operation.action() + " is served twice: by "
							+ previous.target().getClass().getName() + " and by " + service.getClass().getName()
							+ "; serve them on different vias or give the operations different actions");
				}
			}
			return this;
		}

		/**
		 * Sets what runs around each operation.
		 * @param interceptor the interceptor
		 * @return this builder
		 */
		public Builder interceptor(OperationInterceptor interceptor) {
			this.interceptor = Objects.requireNonNull(interceptor, "interceptor");
			return this;
		}

		/**
		 * Sets the quotas of the requests read.
		 * @param quotas the quotas
		 * @return this builder
		 */
		public Builder quotas(BinaryXmlQuotas quotas) {
			this.quotas = Objects.requireNonNull(quotas, "quotas");
			return this;
		}

		/**
		 * Builds the handler.
		 * @return the handler
		 * @throws IllegalStateException when no service was added
		 */
		public SoapServiceHandler build() {
			if (this.byAction.isEmpty()) {
				throw new IllegalStateException("A SoapServiceHandler needs at least one service with operations");
			}
			return new SoapServiceHandler(this.byAction, this.interceptor, this.quotas);
		}

		static List<Class<?>> contracts(Class<?> type) {
			List<Class<?>> contracts = new ArrayList<>();
			for (Class<?> current = type; current != null; current = current.getSuperclass()) {
				for (Class<?> candidate : current.getInterfaces()) {
					collect(candidate, contracts);
				}
			}
			return contracts;
		}

		private static void collect(Class<?> candidate, List<Class<?>> contracts) {
			if (candidate.isAnnotationPresent(ServiceContract.class) && !contracts.contains(candidate)) {
				contracts.add(candidate);
			}
			for (Class<?> parent : candidate.getInterfaces()) {
				collect(parent, contracts);
			}
		}

	}

}
