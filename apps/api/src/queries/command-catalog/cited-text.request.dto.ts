import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';
import { LAWS } from '@auxledger/statute';

/** `NMG-AUX@2024:23.1.2`: law @ revision : article [. paragraph [. item]] — a violation's `citation`, written out. */
export const CITATION_REF = new RegExp(`^(${Object.keys(LAWS).join('|')})@([0-9A-Za-z._-]{1,16}):([1-9][0-9]{0,3})(?:\\.([1-9][0-9]{0,2}))?(?:\\.([1-9][0-9]{0,2}))?$`);

export class CitedTextRequestDto {
  @ApiProperty({ required: true, description: 'The citation: law@revision:article[.paragraph[.item]], as a refusal’s violation gives it (citation.law, .revision, .article, .paragraph, .item)', example: 'NMG-AUX@2024:23.1.2' })
  @IsString()
  @Matches(CITATION_REF, { message: '$property must be law@revision:article[.paragraph[.item]], e.g. NMG-AUX@2024:23.1.2' })
  citation!: string;
}
