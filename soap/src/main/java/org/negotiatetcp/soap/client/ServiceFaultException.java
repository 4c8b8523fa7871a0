package org.negotiatetcp.soap.client;

import org.negotiatetcp.soap.SoapFaultException;

/**
 * The fault a service replied to a blocking call whose method does not declare {@link SoapFaultException}, as WCF's
 * {@code FaultException}: the fault (code, subcodes, reason, detail) is the cause, {@link #getFault()}.
 */
public class ServiceFaultException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates the exception.
	 * @param fault the fault received
	 */
	public ServiceFaultException(SoapFaultException fault) {
		super(fault.getMessage(), fault);
	}

	/**
	 * Returns the fault.
	 * @return the fault received
	 */
	public SoapFaultException getFault() {
		return (SoapFaultException) getCause();
	}

	/**
	 * Returns the typed exception for a fault: {@link ServiceAccessDeniedException} for WCF's access denied fault
	 * ({@code s:Sender}/{@code wsse:FailedAuthentication}), else a {@code ServiceFaultException}.
	 * @param fault the fault
	 * @return the exception
	 */
	public static ServiceFaultException of(SoapFaultException fault) {
		return ServiceAccessDeniedException.isAccessDenied(fault) ? new ServiceAccessDeniedException(fault)
				: new ServiceFaultException(fault);
	}

}
