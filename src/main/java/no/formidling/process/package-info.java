/**
 * The BPMN side of lifecycles: process keys and variable names, the engine adapter behind the broker's
 * {@link no.formidling.broker.FileTransferProcess} port, and the delegates the models call.
 */
package no.formidling.process;
