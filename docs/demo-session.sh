#!/usr/bin/env bash
# The README's demo session, dated from today (in China), so it works on any day.
set -u
API=${API:-localhost:3000}
H=(-H "Authorization: Bearer $KEY" -H 'Content-Type: application/json')
day() { TZ=Asia/Shanghai date -d "$1" +%F; }
MEDICAL=$(day '-8 days'); INSPECTED=$(day '-7 days'); FROM=$(day '-6 days'); TODAY=$(day today)
START=$(day tomorrow); END=$(TZ=Asia/Shanghai date -d "$START +3 years -1 day" +%F); PROBATION=$(TZ=Asia/Shanghai date -d "$START +6 months -1 day" +%F)
HIRE='{ "auxiliaryId": "aux-demo-1", "applicationId": "app-0001487", "personKey": "pkh-ce198c73ee8d3993b897fccdd02820de1bad5cd55fa1aa83cb990ecc7435dfae",
  "usingOrganId": "hohhot-01-xt", "category": "DUTY", "level": "L1", "effectiveDate": "'$START'",
  "pay": { "locality": "hohhot", "monthlyBaseFen": 432600 },
  "contract": { "contractId": "contract-demo-1", "kind": "FIXED_TERM", "startDate": "'$START'", "endDate": "'$END'", "probationLastDay": "'$PROBATION'",
    "clauses": ["DUTIES","WORKING_CONDITIONS","PROBATION","TERM","PAY","TERMINATION_CONDITIONS","BREACH_LIABILITY"] } }'
# Each call: its answer on stderr, its HTTP status on stdout.
call() { local out; out=$(curl -s -w '\n%{http_code}' "${H[@]}" "$@"); printf '%s\n' "${out%$'\n'*}" >&2; printf '%s\n' "${out##*$'\n'}"; }
post() { call "$API/api/commands/$1" -d "$2"; }
echo "hire before the last stages:"; post hire "$HIRE"
echo "medical:"; post record-medical-examination '{ "applicationId": "app-0001487", "reportRef": "MED-1487", "effectiveDate": "'$MEDICAL'" }'
echo "inspection:"; post record-inspection '{ "applicationId": "app-0001487", "personKey": "pkh-ce198c73ee8d3993b897fccdd02820de1bad5cd55fa1aa83cb990ecc7435dfae", "backgroundFindings": [], "effectiveDate": "'$INSPECTED'" }'
echo "public notice:"; post complete-public-notice '{ "applicationId": "app-0001487", "noticeFrom": "'$FROM'", "noticeUntil": "'$TODAY'", "effectiveDate": "'$TODAY'" }'
echo "hire:"; post hire "$HIRE"
echo "duty:"; post assign-duty '{ "auxiliaryId": "aux-0000482", "assignmentId": "asg-demo-1", "dutyCodes": ["ENF_TRAFFIC"], "leadingOfficerIds": ["PO-hohhot-01-0296"] }'
echo "a duty dated 2099 (beyond the horizon):"; post assign-duty '{ "auxiliaryId": "aux-0000482", "assignmentId": "asg-demo-3", "dutyCodes": ["ENF_TRAFFIC"], "leadingOfficerIds": ["PO-hohhot-01-0296"], "effectiveDate": "2099-01-01" }'
echo "forbidden duty:"; post assign-duty '{ "auxiliaryId": "aux-0000482", "assignmentId": "asg-demo-2", "dutyCodes": ["FORBIDDEN_INVESTIGATION", "ENF_TRAFFIC"], "alone": true }'
get() { call "$API/api/$1"; }
echo "roster as of 2025-06-30:"; get 'roster?organ=hohhot&subtree=true&asOf=2025-06-30'
echo "roster in two months:"; get "roster?organ=hohhot&subtree=true&asOf=$(day '+2 months')"
echo "names on the roster:"; get 'roster?organ=hohhot-01-xt&limit=2'
