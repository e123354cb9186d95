import { defineErrors } from '../../platform/errors/domain-error.js';

export enum UsersError {
  EmailTaken = 'EmailTaken',
}

export const usersError = defineErrors<UsersError>({
  [UsersError.EmailTaken]: 'conflict',
});
