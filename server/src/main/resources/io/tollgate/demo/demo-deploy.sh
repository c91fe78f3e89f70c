#!/bin/sh
# Tollgate's demo executor (configured by --demo for octoshop's environments): pretends to deploy,
# a step a second, and fails for a version that contains "broken" (e.g. 1.3.0-broken).
echo "Deploying octoshop $TOLLGATE_VERSION to $TOLLGATE_ENVIRONMENT ($TOLLGATE_KIND, was ${TOLLGATE_PREVIOUS_VERSION:-nothing})"
for step in "pulling image octoshop:$TOLLGATE_VERSION" "migrating the database" "rolling out 3 pods" "waiting for readiness"; do
  sleep 1
  echo "$step"
done
case "$TOLLGATE_VERSION" in
  *broken*)
    echo "pod octoshop-7f9c crash-looping: octoshop:$TOLLGATE_VERSION exited with 1" >&2
    exit 1
    ;;
esac
echo "octoshop $TOLLGATE_VERSION runs on $TOLLGATE_ENVIRONMENT"
