package org.negotiatetcp.mechanism.spnego;

import org.negotiatetcp.mechanism.MechanismContext;

/**
 * The NTLM rule of [MS-SPNG] 3.3.5.1 / 3.2.5.1: once the mechListMIC has been computed and verified, both RC4 sealing
 * handles are re-initialised (sequence numbers keep counting), so the first data message is sealed with the same RC4
 * state as the mechListMIC.
 */
final class NtlmSealing {

	private NtlmSealing() {
	}

	static void resetAfterMechListMic(MechanismContext inner) {
		// wired to NtlmInitiatorContext / NtlmAcceptorContext.resetSealingState() once the ntlm package has landed
	}

}
