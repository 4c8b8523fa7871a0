/**
 * SOAP 1.2 envelopes with WS-Addressing 1.0 headers over any StAX reader or writer (typically the binary ones of
 * {@link org.negotiatetcp.soap.binary}): {@link org.negotiatetcp.soap.SoapEnvelopeWriter} and
 * {@link org.negotiatetcp.soap.SoapEnvelopeReader}, with SOAP faults as
 * {@link org.negotiatetcp.soap.SoapFaultException}.
 */
@NullMarked
package org.negotiatetcp.soap;

import org.jspecify.annotations.NullMarked;
