import { defineErrors } from '../common/errors/domain-error.js';

export enum UsersError {
  EmailTaken = 'EmailTaken',
}

export const usersError = defineErrors<UsersError>({
  [UsersError.EmailTaken]: 'conflict',
});
