/**
 * The BPMN side of lifecycles and the one package that knows the engine: process keys and variable names, the
 * adapters behind the {@link no.formidling.broker.FileTransferProcess} and
 * {@link no.formidling.correspondence.CorrespondenceProcess} ports, the delegates the models call, Camunda's REST
 * errors as problem documents and the Cockpit links of the consoles.
 */
package no.formidling.process;
