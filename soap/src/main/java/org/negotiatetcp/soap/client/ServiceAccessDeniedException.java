package org.negotiatetcp.soap.client;

import org.negotiatetcp.soap.SoapFaultException;
import org.negotiatetcp.soap.session.StandardFaults;

/**
 * The service refused the operation to this client (WCF's {@code SecurityAccessDeniedException}): a
 * {@code s:Sender} fault with the subcode {@code wsse:FailedAuthentication} ({@link StandardFaults#accessDenied()}),
 * which WCF's authorization and this project's services send when method security denies an operation.
 */
public class ServiceAccessDeniedException extends ServiceFaultException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates the exception.
	 * @param fault the fault received
	 */
	public ServiceAccessDeniedException(SoapFaultException fault) {
		super(fault);
	}

	static boolean isAccessDenied(SoapFaultException fault) {
		return StandardFaults.isAccessDenied(fault);
	}

}
