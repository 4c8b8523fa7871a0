package org.negotiatetcp.soap.service;

import org.jspecify.annotations.Nullable;

/**
 * Runs around each operation of a {@link SoapServiceHandler}, on the thread that calls the method: a blocking
 * operation runs on Reactor's bounded elastic scheduler, a reactive one where the request was decoded (the returned
 * {@code Mono} is subscribed there, with the channel handler's Reactor context).
 */
@FunctionalInterface
public interface OperationInterceptor {

	/** Calls the operation and nothing else. */
	OperationInterceptor NONE = OperationInvocation::proceed;

	/**
	 * Calls the operation, typically {@link OperationInvocation#proceed()} with something around it.
	 * @param invocation the call
	 * @return the result (a {@code Mono} for a reactive operation)
	 * @throws Exception the failure; a {@link org.negotiatetcp.soap.SoapFaultException} goes to the client as that
	 * fault, any other exception as an internal error fault without details
	 */
	@Nullable Object intercept(OperationInvocation invocation) throws Exception;

}
