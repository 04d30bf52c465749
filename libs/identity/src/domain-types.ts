/** What the vault takes from the pure core. */
export { type Gender, type NationalIdProblem, type SealedData, maskNationalId, validateNationalId } from '@auxledger/domain';
