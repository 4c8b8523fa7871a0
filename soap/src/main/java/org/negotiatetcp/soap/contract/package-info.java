/**
 * Service contracts in the manner of WCF: an interface annotated {@link
 * org.negotiatetcp.soap.contract.ServiceContract} whose methods are annotated {@link
 * org.negotiatetcp.soap.contract.OperationContract}, described by {@link org.negotiatetcp.soap.contract.ContractModel}
 * (actions and wrapper elements as WCF's defaults name them) and serialized by
 * {@link org.negotiatetcp.soap.contract.OperationCodec} with JAXB.
 */
@NullMarked
package org.negotiatetcp.soap.contract;

import org.jspecify.annotations.NullMarked;
