package no.formidling.process;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.springframework.stereotype.Component;

/** Where Cockpit shows a lifecycle's process instance, so the consoles can link to it without knowing the engine. */
@Component
public class CockpitLinks {
    private final HistoryService history;
    private final String instanceUrl;

    CockpitLinks(ProcessEngine engine) {
        this.history = engine.getHistoryService();
        this.instanceUrl = "/camunda/app/cockpit/" + engine.getName() + "/#/process-instance/";
    }

    /** The newest process instance started for this business key (a transfer's or correspondence's id), or null. */
    public String instanceUrl(String businessKey) {
        HistoricProcessInstance instance = history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(businessKey)
                .orderByProcessInstanceStartTime().desc().listPage(0, 1).stream().findFirst().orElse(null);
        return instance == null ? null : instanceUrl + instance.getId();
    }
}
