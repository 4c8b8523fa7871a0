package org.negotiatetcp.soap.session;

import java.util.List;

import javax.xml.namespace.QName;

import org.negotiatetcp.soap.Soap12;
import org.negotiatetcp.soap.SoapFaultException;

/**
 * The faults WCF's dispatcher sends for failures of the service side rather than of the operation, with WCF's codes.
 */
public final class StandardFaults {

	/** WS-Addressing's {@code ActionNotSupported} subcode: no operation has the request's action. */
	public static final QName ACTION_NOT_SUPPORTED = new QName(Soap12.ADDRESSING_NS, "ActionNotSupported", "a");

	/** WCF's subcode of an unhandled exception of an operation. */
	public static final QName INTERNAL_SERVICE_FAULT = new QName(
			"http://schemas.microsoft.com/net/2005/12/windowscommunicationfoundation/dispatcher",
			"InternalServiceFault", "a");

	/** The subcode of an access denied fault ({@code wsse:FailedAuthentication}), as WCF's authorization sends it. */
	public static final QName FAILED_AUTHENTICATION = new QName(
			"http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd",
			"FailedAuthentication", "wsse");

	private StandardFaults() {
	}

	/**
	 * Returns the fault for a request whose action no operation has.
	 * @param action the action
	 * @return the fault
	 */
	public static SoapFaultException actionNotSupported(String action) {
		return new SoapFaultException(Soap12.SENDER, List.of(ACTION_NOT_SUPPORTED), "The message with Action '"
				+ action + "' cannot be processed at the receiver: no operation of this endpoint has this action.",
				null);
	}

	/**
	 * Returns the fault for an operation that failed with an exception that is not a fault: no details, as WCF
	 * sends it unless {@code IncludeExceptionDetailInFaults} is set.
	 * @return the fault
	 */
	public static SoapFaultException internalError() {
		return new SoapFaultException(Soap12.RECEIVER, List.of(INTERNAL_SERVICE_FAULT),
				"The server was unable to process the request due to an internal error.", null);
	}

	/**
	 * Returns the fault for an operation the client may not call.
	 * @return the fault
	 */
	public static SoapFaultException accessDenied() {
		return new SoapFaultException(Soap12.SENDER, List.of(FAILED_AUTHENTICATION), "Access is denied.", null);
	}

	/**
	 * Whether a fault is {@link #accessDenied()}.
	 * @param fault a fault
	 * @return {@code true} if the service denied access
	 */
	public static boolean isAccessDenied(SoapFaultException fault) {
		return Soap12.SENDER.equals(fault.getCode()) && fault.getSubcodes().contains(FAILED_AUTHENTICATION);
	}

}
