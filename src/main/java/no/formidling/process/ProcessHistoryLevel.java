package no.formidling.process;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Set;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.HistoryLevel;
import org.camunda.bpm.engine.impl.history.event.HistoryEventType;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * History level {@value #NAME}: Camunda records each process instance (start, end, state: the ops console's
 * Cockpit link and the history REST API find finished instances), incidents and operators' actions, but not every
 * activity a process passes. That per-activity trail (level {@code activity}) cost 9 inserts and as many updates per
 * transfer and duplicates what the transfer's own status history already says to users.
 * Chosen with {@code camunda.bpm.history-level: process-and-incidents}; any built-in level still works.
 */
@Component
class ProcessHistoryLevel extends AbstractProcessEnginePlugin implements HistoryLevel {
    static final String NAME = "process-and-incidents";
    /** Above the built-in levels (0–3), as Camunda asks of custom levels. */
    static final int ID = 11;
    private static final Logger log = LoggerFactory.getLogger(ProcessHistoryLevel.class);
    private static final Set<HistoryEventType> RECORDED = Set.of(
            HistoryEventTypes.PROCESS_INSTANCE_START, HistoryEventTypes.PROCESS_INSTANCE_UPDATE,
            HistoryEventTypes.PROCESS_INSTANCE_MIGRATE, HistoryEventTypes.PROCESS_INSTANCE_END,
            HistoryEventTypes.INCIDENT_CREATE, HistoryEventTypes.INCIDENT_MIGRATE, HistoryEventTypes.INCIDENT_DELETE,
            HistoryEventTypes.INCIDENT_RESOLVE, HistoryEventTypes.INCIDENT_UPDATE, HistoryEventTypes.USER_OPERATION_LOG);

    @Override
    public int getId() {
        return ID;
    }

    @Override
    public String getName() {
        return NAME;
    }

    /** Camunda logs the level by its string form (e.g. when it records the level in a new database). */
    @Override
    public String toString() {
        return NAME;
    }

    @Override
    public boolean isHistoryEventProduced(HistoryEventType eventType, Object entity) {
        return RECORDED.contains(eventType);
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        var levels = configuration.getCustomHistoryLevels() == null ? new ArrayList<HistoryLevel>() : new ArrayList<>(configuration.getCustomHistoryLevels());
        levels.add(this);
        configuration.setCustomHistoryLevels(levels);
    }

    /**
     * The engine refuses to start when the level it recorded in the database differs from the configured one. A
     * database created at {@code activity}, the level this server used before, moves to this one here, before the
     * engine checks; nothing else is rewritten (history already written stays).
     */
    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
        if (configuration.getHistoryLevel() != this) {
            return;
        }
        try (Connection c = configuration.getDataSource().getConnection();
             PreparedStatement update = c.prepareStatement(
                     "update act_ge_property set value_ = ? where name_ = 'historyLevel' and value_ = ?")) {
            c.setAutoCommit(true);
            update.setString(1, Integer.toString(ID));
            update.setString(2, Integer.toString(HistoryLevel.HISTORY_LEVEL_ACTIVITY.getId()));
            if (update.executeUpdate() > 0) {
                log.info("Camunda history level changed from activity to {}", NAME);
            }
        } catch (SQLException e) {
            if (!"42P01".equals(e.getSQLState())) { // a new database: the engine creates its tables and records the level
                throw new ProcessEngineException("Could not move Camunda's recorded history level to " + NAME, e);
            }
        }
    }
}
