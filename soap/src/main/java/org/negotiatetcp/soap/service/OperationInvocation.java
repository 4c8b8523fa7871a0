package org.negotiatetcp.soap.service;

import java.lang.reflect.InvocationTargetException;

import org.jspecify.annotations.Nullable;

import org.negotiatetcp.channel.NegotiateChannel;
import org.negotiatetcp.soap.contract.OperationModel;

/**
 * One call of an operation on a service object.
 *
 * @param channel the channel the request arrived on (the client's identity: {@link NegotiateChannel#securityInfo()},
 * {@link NegotiateChannel#attachment(Class)})
 * @param operation the operation
 * @param target the service object
 * @param arguments the arguments
 */
public record OperationInvocation(NegotiateChannel channel, OperationModel operation, Object target,
		@Nullable Object[] arguments) {

	/**
	 * Calls the operation's method on the service object.
	 * @return what the method returned (a {@code Mono} for a reactive operation)
	 * @throws Exception what the method threw
	 */
	public @Nullable Object proceed() throws Exception {
		try {
			return this.operation.method().invoke(this.target, this.arguments);
		}
		catch (InvocationTargetException ex) {
			Throwable cause = ex.getCause();
			if (cause instanceof Exception exception) {
				throw exception;
			}
			if (cause instanceof Error error) {
				throw error;
			}
			throw ex;
		}
	}

}
