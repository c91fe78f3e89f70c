-- Issue 9: what follows an ended deployment (auto-verify after a deploy, auto-rollback after a
-- failure, verification again after a rollback) is a durable job, done once: followed_up is set in
-- the same transaction as the follow-up it started. Deployments settled before this version had
-- their follow-up done in the thread that settled them.
alter table automated_deployments add column followed_up boolean not null default false;
update automated_deployments set followed_up = true where settled = true;

-- The live channel reads the deployments that run or just ended, a few times a second.
create index automated_deployments_status on automated_deployments (status);
create index automated_deployments_finished on automated_deployments (finished_at);
