package org.negotiatetcp.soap.client;

import org.jspecify.annotations.Nullable;
import org.w3c.dom.Element;

import org.negotiatetcp.soap.SoapFaultException;
import org.negotiatetcp.soap.contract.FaultDetails;

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
	 * Returns the fault's detail as a typed object (WCF's {@code FaultException<TDetail>.Detail}).
	 * @param <T> the detail's type
	 * @param type the detail's type, a JAXB class
	 * @return the detail, or {@code null} when the fault has none
	 * @throws IllegalArgumentException when the detail is not a {@code type}
	 */
	public <T> @Nullable T getDetail(Class<T> type) {
		Element detail = getFault().getDetail();
		return (detail != null) ? FaultDetails.fromElement(detail, type) : null;
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
